export {
  GroupDataProductsCard,
  GroupDataProducts,
} from './GroupDataProductsCard';
